/** The catalog detector's descriptor: codes, messages, artifact label, starting weights and strength cut. */
import { defineDetector } from '../descriptor';
import { catalogMessages } from './messages';

/** The `catalog` detector: reuse of or derivation from the seller's catalog photos, or another product. */
export const catalogDescriptor = defineDetector({
  name: 'catalog',
  codes: ['catalog.reuse', 'catalog.derived-edit', 'catalog.new-photo', 'catalog.different-product'],
  messages: catalogMessages,
  artifacts: { catalogDiff: { en: 'Change map against the catalog photo', 'zh-CN': '与商品主图的差异图' } },
  weights: {
    reuse: { weight: 4, reason: "the seller's own picture sent back: decisive on its own" },
    derived: { weight: 4, reason: 'made from the catalog photo, then changed where the damage is shown (refund-set: derived ≥ 0.99 NCC, independent ≤ 0.92)' },
    newPhoto: { weight: -0.4, reason: 'a weak sign of a genuine capture: an independent photo can still be staged' },
    differentProduct: {
      weight: 2,
      reason:
        'leave-one-product-out on the corpus products (catalog photo alone): 21 % of different products called different, 2 % of same-product shop photos, a likelihood ratio of about 10 (ln 10 = 2.3), rounded down for a small corpus (51 shop photos; docs/catalog.md)',
    },
  },
  strength: { conclusive: 4, reason: 'a derivation from the seller’s own photo decides alone (weight 4); a derivation seen only through a fingerprint stays strong' },
  readsCatalog: true,
});
