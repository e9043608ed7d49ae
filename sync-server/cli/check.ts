// Placeholder until `lagesbild check` lands (owned by the lead).
export async function checkCommand(_argv: string[]): Promise<number> {
  console.error("inte implementerat");
  return 2;
}
