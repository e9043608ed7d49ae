import { describe, expect, it } from "vitest";
import { buildAtoms, componentsOf, NestedEqualities } from "./audit-structure";

const rows = (...lists: number[][]): Int32Array[] => lists.map((l) => Int32Array.from(l));

describe("NestedEqualities", () => {
  it("keeps of each equality row what its largest disjoint nested rows leave, with the matching value", () => {
    // 0: total over atoms 0–5; 1, 2: two districts; 3: an area of district 1; 4: a row across the districts; 5: the
    // total again (a fact about the same sum).
    const eq = new NestedEqualities(rows([0, 1, 2, 3, 4, 5], [0, 1, 2], [3, 4, 5], [0], [2, 3], [0, 1, 2, 3, 4, 5]), [21, 6, 15, 1, 7, 21], 6);
    // The total is the two districts: nothing left; district 1 keeps atoms 1, 2 (5 = 6 − 1); the row across keeps itself.
    expect(Array.from(eq.residual[0])).toEqual([]);
    expect(eq.value[0]).toBe(0);
    expect(Array.from(eq.residual[1])).toEqual([1, 2]);
    expect(eq.value[1]).toBe(5);
    expect(Array.from(eq.residual[2])).toEqual([3, 4, 5]);
    expect(Array.from(eq.residual[4])).toEqual([2, 3]);
    expect(eq.value[4]).toBe(7);
    expect(Array.from(eq.residual[5])).toEqual([]);
    expect(eq.value[5]).toBe(0);
    // District 1 is no equality any more: the total (and the fact on the same sum, through it) takes its residual and
    // its area, so the total's residual is atoms 1, 2 with 21 − 15 − 1.
    expect(eq.remove(1).sort()).toEqual([0]);
    expect(Array.from(eq.residual[0])).toEqual([1, 2]);
    expect(eq.value[0]).toBe(5);
    expect(Array.from(eq.residual[5])).toEqual([]);
    // Then the area: the total takes atom 0 too.
    expect(eq.remove(3)).toEqual([0]);
    expect(Array.from(eq.residual[0])).toEqual([0, 1, 2]);
    expect(eq.value[0]).toBe(6);
    // The total goes: the fact on the same sum takes what it had.
    expect(eq.remove(0)).toEqual([5]);
    expect(Array.from(eq.residual[5])).toEqual([0, 1, 2]);
    expect(eq.value[5]).toBe(6);
  });

  it("keeps the same affine set as the rows (random nested families)", () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let trial = 0; trial < 40; trial++) {
      const atomCount = 4 + rand(8);
      const x = Array.from({ length: atomCount }, () => rand(6));
      const list: number[][] = [];
      for (let r = 0; r < 3 + rand(10); r++) {
        const from = rand(atomCount);
        const to = from + rand(atomCount - from);
        list.push(Array.from({ length: to - from + 1 }, (_, k) => from + k).filter((a) => rand(5) > 0 || a === from));
      }
      const value = list.map((l) => l.reduce((s, a) => s + x[a], 0));
      const eq = new NestedEqualities(rows(...list), value, atomCount);
      const removed = new Set<number>();
      for (let step = 0; step < 3; step++) {
        // Each remaining row is a sum of residuals of rows that remain (checked on a random other point: the residual
        // rows then say exactly what the rows say), and each residual's value is its sum at the data.
        list.forEach((l, r) => {
          if (removed.has(r)) return;
          expect(Array.from(eq.residual[r]).reduce((s, a) => s + x[a], 0)).toBe(eq.value[r]);
          expect([...eq.residual[r]].every((a) => l.includes(a))).toBe(true);
        });
        const r = rand(list.length);
        removed.add(r);
        eq.remove(r);
      }
      // Whatever was removed, the atoms of every remaining row are covered by the residuals of remaining rows inside it.
      list.forEach((l, r) => {
        if (removed.has(r)) return;
        const covered = new Set<number>();
        list.forEach((m, q) => {
          if (removed.has(q) || !m.every((a) => l.includes(a))) return;
          for (const a of eq.residual[q]) covered.add(a);
        });
        expect(l.every((a) => covered.has(a))).toBe(true);
      });
    }
  });
});

describe("componentsOf", () => {
  it("links the atoms of each row, numbering components by their first atom", () => {
    const c = componentsOf(6, rows([4, 1], [], [2, 5]));
    expect(c.componentCount).toBe(4);
    expect(Array.from(c.componentOfAtom)).toEqual([0, 1, 2, 3, 1, 2]);
  });
});

describe("buildAtoms", () => {
  it("merges exactly the inner cells that lie in the same rows with the same coefficients", () => {
    let seed = 3;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let trial = 0; trial < 30; trial++) {
      const innerCount = 3 + rand(15);
      const specs = Array.from({ length: 1 + rand(8) }, () => {
        const inner = Int32Array.from(Array.from({ length: innerCount }, (_, i) => i).filter(() => rand(3) === 0));
        return rand(4) === 0 ? { inner, coefs: Float64Array.from(inner, () => [1, -1, 2][rand(3)]) } : { inner };
      });
      const atoms = buildAtoms(innerCount, specs);
      // The reference: each inner cell's list of (row, coefficient).
      const signature = Array.from({ length: innerCount }, (_, i) =>
        specs.flatMap((s, r) => {
          const k = s.inner.indexOf(i);
          return k < 0 ? [] : [`${r}:${s.coefs ? s.coefs[k] : 1}`];
        }).join(" "),
      );
      for (let i = 0; i < innerCount; i++) {
        expect(atoms.atomOfInner[i] < 0).toBe(signature[i] === "");
        for (let j = 0; j < innerCount; j++) {
          if (signature[i] === "" || signature[j] === "") continue;
          expect(atoms.atomOfInner[i] === atoms.atomOfInner[j]).toBe(signature[i] === signature[j]);
        }
      }
      // Atoms are numbered by their first inner cell.
      const firsts = atoms.atomInner.map((m) => m[0]);
      expect(firsts).toEqual([...firsts].sort((x, y) => x - y));
    }
  });
});
