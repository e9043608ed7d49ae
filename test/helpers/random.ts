// The seeded generator and draws live in shared/stats/random.ts (the interventions' synthetic data use them too).
export { normal, poisson, prng } from "../../shared/stats/random";
