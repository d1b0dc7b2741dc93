/**
 * Connected components of a binary mask on a grid (iterative depth-first flood fill: no recursion limit, one stack
 * and one member buffer for the whole grid, no per-pixel allocation). Components are found in row-major order of
 * their first cell; members are listed in visiting order (neighbours pushed left, right, up, down for 4-connectivity,
 * row by row for 8-connectivity), so sums over them are reproducible.
 */

/** One connected component. */
export interface Component {
  /** Cell indices (row-major), in visiting order. */
  members: Int32Array;
  /** Bounding box, inclusive, in cells. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Grid neighbourhood: 4 (edge neighbours) or 8 (edges and corners). */
export type Connectivity = 4 | 8;

interface Fill {
  label: Uint8Array;
  stack: Int32Array;
  order: Int32Array;
  used: number;
}

function grow(mask: ArrayLike<number>, w: number, h: number, seed: number, conn: Connectivity, f: Fill): Component {
  const { label, stack, order } = f;
  const start = f.used;
  let sp = 0;
  stack[sp++] = seed;
  label[seed] = 1;
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  while (sp > 0) {
    const p = stack[--sp];
    order[f.used++] = p;
    const x = p % w;
    const y = (p - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (conn === 4) {
      if (x > 0 && mask[p - 1] && !label[p - 1]) { label[p - 1] = 1; stack[sp++] = p - 1; }
      if (x < w - 1 && mask[p + 1] && !label[p + 1]) { label[p + 1] = 1; stack[sp++] = p + 1; }
      if (y > 0 && mask[p - w] && !label[p - w]) { label[p - w] = 1; stack[sp++] = p - w; }
      if (y < h - 1 && mask[p + w] && !label[p + w]) { label[p + w] = 1; stack[sp++] = p + w; }
    } else {
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (mask[q] && !label[q]) { label[q] = 1; stack[sp++] = q; }
        }
      }
    }
  }
  return { members: order.subarray(start, f.used), x0, y0, x1, y1 };
}

function fill(n: number): Fill {
  return { label: new Uint8Array(n), stack: new Int32Array(n), order: new Int32Array(n), used: 0 };
}

/** Every connected component of the cells where `mask` is non-zero, in row-major order of their first cell. */
export function labelComponents(mask: ArrayLike<number>, w: number, h: number, conn: Connectivity = 4): Component[] {
  const n = w * h;
  const f = fill(n);
  const out: Component[] = [];
  for (let s = 0; s < n; s++) if (mask[s] && !f.label[s]) out.push(grow(mask, w, h, s, conn, f));
  return out;
}

/** The connected component that contains `seed` (the seed belongs to it whatever its mask value). */
export function componentAt(mask: ArrayLike<number>, w: number, h: number, seed: number, conn: Connectivity = 4): Component {
  return grow(mask, w, h, seed, conn, fill(w * h));
}
