// `lagesbild check FILE.xlsx|FILE.csv [--template ID[@VERSION]] [--sheet NAME] [--registers DIR] [--org ORG] [--records] [--json]`
// Runs template match → validate → locate → de-identify on a real .xlsx and reports what would leave the workbook.
// Exit codes: 0 the file can be submitted, 1 it has errors, 2 bad usage.
import { existsSync } from "node:fs";
import type { CheckResult } from "../../shared/pipeline/check";
import { createChecker } from "../../shared/submission/checker";
import { BUILTIN_TEMPLATES, DEMO_ORGANISATIONS } from "../../shared/templates/builtin";
import type { Template } from "../../shared/templates/schema";
import type { Grid } from "../../shared/protocol/workbook";
import { flag, parseArgs } from "./args";
import { pickTemplateVersion, readFileGrid } from "./pipeline-file";
import { loadRegistersFromDir } from "./registers-dir";

const USAGE = "Användning: lagesbild check FIL.xlsx|FIL.csv [--template ID[@VERSION]] [--sheet BLAD] [--registers MAPP] [--org ORG] [--records] [--json]";

export interface CheckReport {
  template: { id: string; version: number } | null;
  sheet: string;
  headerRow: number | null;
  rows: number;
  accepted: number;
  located: number;
  unlocated: CheckResult["unlocated"];
  issues: CheckResult["issues"];
  stripped: string[];
  records?: CheckResult["records"];
}

/** Picks a built-in template from `ID` or `ID@VERSION`. */
export function resolveTemplateArg(arg: string): Template | null {
  return pickTemplateVersion(BUILTIN_TEMPLATES, arg);
}

function defaultOrg(templateId: string | undefined): string {
  const org = DEMO_ORGANISATIONS.find((o) => (o.templates as readonly string[]).includes(templateId ?? ""));
  return org?.id ?? "okand";
}

/** Reads the sheet, runs the pipeline and returns the report; throws only for usage problems. */
export async function runCheck(file: string, options: { template?: Template; sheet?: string; registersDir?: string; org?: string }): Promise<{ report: CheckReport; result: CheckResult; grid: Grid }> {
  const { sheet, grid } = await readFileGrid(file, { sheet: options.sheet });
  const registers = loadRegistersFromDir(options.registersDir);
  const picked = options.template;
  // Without --org the records carry the demo organisation that uses the template.
  const first = picked ?? createChecker({ templates: BUILTIN_TEMPLATES, org: "x", registers })(grid.slice(0, 40)).template;
  const org = options.org ?? defaultOrg(first?.id);
  const result = createChecker({ templates: BUILTIN_TEMPLATES, template: picked, org, registers })(grid);
  const report: CheckReport = {
    template: result.template,
    sheet,
    headerRow: result.headerRow,
    rows: result.rows,
    accepted: result.accepted,
    located: result.located,
    unlocated: result.unlocated,
    issues: result.issues,
    stripped: result.stripped,
  };
  return { report, result, grid };
}

export async function checkCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const file = args.positional[0];
  if (!file || args.flags.has("help")) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`Filen ${file} finns inte.\n${USAGE}`);
    return 2;
  }
  const templateArg = flag(args, "template");
  const template = templateArg ? resolveTemplateArg(templateArg) : undefined;
  if (templateArg && !template) {
    console.error(`Mallen ”${templateArg}” finns inte. Inbyggda mallar: ${BUILTIN_TEMPLATES.map((t) => `${t.id}@${t.version}`).join(", ")}`);
    return 2;
  }
  let run;
  try {
    run = await runCheck(file, { template: template ?? undefined, sheet: flag(args, "sheet"), registersDir: flag(args, "registers"), org: flag(args, "org") });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const { report, result } = run;
  if (args.flags.has("records")) report.records = result.records;
  if (args.flags.has("json")) {
    process.stdout.write(JSON.stringify(report) + "\n");
  } else {
    printHuman(report, result.canSubmit);
  }
  return result.canSubmit ? 0 : 1;
}

function printHuman(r: CheckReport, canSubmit: boolean): void {
  const out: string[] = [];
  out.push(r.template ? `Mall: ${r.template.id} version ${r.template.version}, blad ”${r.sheet}”, rubrikrad ${r.headerRow}` : `Ingen mall passar bladet ”${r.sheet}”.`);
  out.push(`Rader: ${r.rows}, godkända för sändning: ${r.accepted}, placerade i område: ${r.located}, utan område: ${r.unlocated.length}`);
  if (r.stripped.length) out.push(`Stannar i arbetsboken (skickas aldrig): ${r.stripped.join(", ")}`);
  const errors = r.issues.filter((i) => i.severity === "error");
  const warnings = r.issues.filter((i) => i.severity === "warning");
  if (errors.length) {
    out.push(`Fel (${errors.length}):`);
    for (const i of errors.slice(0, 50)) out.push(`  ${i.cell ?? "-"}  ${i.message}`);
    if (errors.length > 50) out.push(`  … och ${errors.length - 50} till`);
  }
  if (warnings.length) {
    out.push(`Varningar (${warnings.length}):`);
    for (const i of warnings.slice(0, 20)) out.push(`  ${i.cell ?? "-"}  ${i.message}`);
    if (warnings.length > 20) out.push(`  … och ${warnings.length - 20} till`);
  }
  out.push(canSubmit ? "Filen kan skickas." : "Filen har fel och kan inte skickas förrän de är rättade.");
  console.log(out.join("\n"));
}
