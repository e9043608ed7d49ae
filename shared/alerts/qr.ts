// Householder QR decomposition with R's limited column pivoting (LINPACK
// dqrdc2, as used by lm and glm): a column whose remaining norm falls below
// `tol` times its original norm is treated as aliased and moved to the end.

export interface QrDecomposition {
  /** Number of rows. */
  n: number;
  /** Number of columns. */
  p: number;
  /** Numerical rank: the first `rank` columns of `pivot` are used. */
  rank: number;
  /** Column order after pivoting (0-based indices into the original columns). */
  pivot: number[];
  /** Householder vectors, one per step (length n, zero above the step). */
  reflectors: Float64Array[];
  /** Upper triangular factor, rank × rank, row-major over pivoted columns. */
  r: number[][];
}

function dot(a: Float64Array, b: Float64Array, from: number): number {
  let s = 0;
  for (let i = from; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float64Array, from: number): number {
  // Scaled to avoid overflow, as dnrm2 does.
  let scale = 0;
  for (let i = from; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = from; i < a.length; i++) {
    const v = a[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * Applies the reflector H = I − 2 v vᵀ / (vᵀv) to rows `from`… of `y`, in
 * place; `vv` is vᵀv.
 */
function reflectWith(v: Float64Array, vv: number, y: Float64Array, from: number): void {
  if (vv === 0) return;
  const f = (2 * dot(v, y, from)) / vv;
  for (let i = from; i < y.length; i++) y[i] -= f * v[i];
}

function reflect(v: Float64Array, y: Float64Array, from: number): void {
  reflectWith(v, dot(v, v, from), y, from);
}

/**
 * Decomposes the n × p matrix given as rows. `tol` is R's rank tolerance
 * (glm.fit uses min(1e-7, epsilon / 1000) = 1e-11, lm uses 1e-7).
 */
export function qrDecompose(rows: readonly (readonly number[])[], tol = 1e-7): QrDecomposition {
  const n = rows.length;
  const p = n > 0 ? rows[0].length : 0;
  let cols: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = rows[i][j];
    cols.push(c);
  }
  let pivot = Array.from({ length: p }, (_, j) => j);
  let originalNorms = cols.map((c) => {
    const v = norm(c, 0);
    return v === 0 ? 1 : v;
  });
  const reflectors: Float64Array[] = [];
  let limit = p; // columns at index ≥ limit are aliased
  const steps = Math.min(n, p);
  let l = 0;
  for (; l < steps && l < limit; l++) {
    // Move negligible columns to the end, as dqrdc2 does.
    while (l < limit && norm(cols[l], l) < originalNorms[l] * tol) {
      cols = [...cols.slice(0, l), ...cols.slice(l + 1), cols[l]];
      pivot = [...pivot.slice(0, l), ...pivot.slice(l + 1), pivot[l]];
      originalNorms = [...originalNorms.slice(0, l), ...originalNorms.slice(l + 1), originalNorms[l]];
      limit--;
    }
    if (l >= limit) break;
    const x = cols[l];
    const alpha = norm(x, l);
    const v = new Float64Array(n);
    for (let i = l; i < n; i++) v[i] = x[i];
    const sign = x[l] >= 0 ? 1 : -1;
    v[l] += sign * alpha;
    const vv = dot(v, v, l);
    for (let j = l; j < p; j++) reflectWith(v, vv, cols[j], l);
    reflectors.push(v);
  }
  const rank = Math.min(limit, steps);
  const r: number[][] = [];
  for (let i = 0; i < rank; i++) {
    const row: number[] = [];
    for (let j = 0; j < rank; j++) row.push(j >= i ? cols[j][i] : 0);
    r.push(row);
  }
  return { n, p, rank, pivot, reflectors, r };
}

/** Qᵀ y. */
export function qrQty(qr: QrDecomposition, y: readonly number[]): Float64Array {
  const out = Float64Array.from(y);
  qr.reflectors.forEach((v, l) => reflect(v, out, l));
  return out;
}

/** Q y for y of length n (reflectors applied in reverse order). */
export function qrQy(qr: QrDecomposition, y: Float64Array): Float64Array {
  const out = Float64Array.from(y);
  for (let l = qr.reflectors.length - 1; l >= 0; l--) reflect(qr.reflectors[l], out, l);
  return out;
}

/** Solves R x = b for the leading rank × rank triangle. */
export function backSolve(r: readonly (readonly number[])[], b: ArrayLike<number>): number[] {
  const k = r.length;
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < k; j++) s -= r[i][j] * x[j];
    x[i] = s / r[i][i];
  }
  return x;
}

/**
 * Least-squares coefficients in the original column order; aliased columns
 * get 0 (as R's Cdqrls during the iterations).
 */
export function qrCoefficients(qr: QrDecomposition, y: readonly number[]): number[] {
  const qty = qrQty(qr, y);
  const b = backSolve(qr.r, qty);
  const coef = new Array<number>(qr.p).fill(0);
  for (let i = 0; i < qr.rank; i++) coef[qr.pivot[i]] = b[i];
  return coef;
}

/** (RᵀR)⁻¹ over the first rank pivoted columns (R's chol2inv of the R factor). */
export function qrUnscaledCovariance(qr: QrDecomposition): number[][] {
  const k = qr.rank;
  // R⁻¹ column by column
  const rinv: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    const e = new Array<number>(k).fill(0);
    e[j] = 1;
    const col = backSolve(qr.r, e);
    for (let i = 0; i < k; i++) rinv[i][j] = col[i];
  }
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += rinv[i][m] * rinv[j][m];
      cov[i][j] = s;
    }
  return cov;
}

/** Diagonal of the hat matrix: row sums of squares of the first rank columns of Q. */
export function qrHatValues(qr: QrDecomposition): number[] {
  const hat = new Array<number>(qr.n).fill(0);
  for (let j = 0; j < qr.rank; j++) {
    const e = new Float64Array(qr.n);
    e[j] = 1;
    const q = qrQy(qr, e);
    for (let i = 0; i < qr.n; i++) hat[i] += q[i] * q[i];
  }
  // As R's lm.influence: values within 10 ulp of one are one.
  return hat.map((h) => (h > 1 - 10 * Number.EPSILON ? 1 : h));
}
