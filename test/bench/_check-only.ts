// A measured child of the pipeline benchmark: `lagesbild check` with only the check command loaded (the full CLI
// entry also loads the server and every other command before it starts).
import { checkCommand } from "../../sync-server/cli/check";

void checkCommand(process.argv.slice(2)).then((code) => (process.exitCode = code));
