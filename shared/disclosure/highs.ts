// HiGHS (WebAssembly, npm `highs`) behind the LpSolver interface.
// The package's default loader finds its .wasm beside its own module file in Node (tests, server, command line);
// a browser bundle would have to pass `locateFile`, which the add-in does not need because audits run on the server.
import loadHighs from "highs";
import type { LpOutcome, LpProblem, LpSession, LpSolver } from "./lp";

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** HiGHS `simplex_strategy` values. */
const DUAL = 1;
const PRIMAL = 4;

export async function highsSolver(): Promise<LpSolver> {
  const highs = await loadHighs();
  return { open: (problem) => openSession(highs, problem) };
}

function openSession(highs: Highs, problem: LpProblem): LpSession {
  const n = problem.numVars;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of problem.rows) {
    for (let k = 0; k < row.indices.length; k++) {
      indices.push(row.indices[k]);
      values.push(row.coefs[k]);
    }
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const clamp = (v: number): number => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const model = highs.createModel({
    numCols: n,
    numRows: problem.rows.length,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(inf),
    rowLower: problem.rows.map((r) => clamp(r.lower)),
    rowUpper: problem.rows.map((r) => clamp(r.upper)),
    matrix: { format: "csr", numRows: problem.rows.length, numCols: n, starts, indices, values },
  });
  model.options.set({ output_flag: false, presolve: "off" });
  let costed: Int32Array = new Int32Array(0);
  // Warm starts: the basis of the last solve stays in the model. After a change of objective only it is still primal
  // feasible, so the primal simplex goes on from it (a few iterations); after a change of row bounds (and for the
  // first solve) the dual simplex does. Presolve is off so that the kept basis is used as it is.
  let boundsChanged = true;
  let strategy = -1;
  const useStrategy = (s: number): void => {
    if (s === strategy) return;
    model.options.set("simplex_strategy", s);
    strategy = s;
  };
  const status = highs.constants.modelStatus;
  return {
    optimise(vars, sense, weights) {
      if (costed.length > 0) model.changeColsCost({ kind: "set", indices: costed }, new Float64Array(costed.length));
      if (vars.length > 0) model.changeColsCost({ kind: "set", indices: vars }, weights ?? new Float64Array(vars.length).fill(1));
      costed = vars;
      model.changeObjectiveSense(sense === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
      useStrategy(boundsChanged ? DUAL : PRIMAL);
      boundsChanged = false;
      model.run();
      const s = model.getModelStatus();
      if (s === status.optimal) {
        // getSolution's arrays are copies already.
        const solution = model.getSolution();
        return { status: "optimal", value: model.getObjectiveValue(), x: solution.colValue, rows: solution.rowValue };
      }
      if (s === status.unbounded) return { status: "unbounded" };
      if (s === status.infeasible) return { status: "infeasible" };
      if (s === status.unboundedOrInfeasible) return resolveAmbiguous();
      return { status: "error", message: `HiGHS model status ${s}` };
    },
    setRowBounds(row, lower, upper) {
      model.changeRowBounds(row, clamp(lower), clamp(upper));
      boundsChanged = true;
    },
    dispose() {
      model.dispose();
    },
  };

  // Feasibility with a zero objective tells the two apart.
  function resolveAmbiguous(): LpOutcome {
    if (costed.length > 0) model.changeColsCost({ kind: "set", indices: costed }, new Float64Array(costed.length));
    costed = new Int32Array(0);
    model.run();
    return model.getModelStatus() === status.optimal ? { status: "unbounded" } : { status: "infeasible" };
  }
}
