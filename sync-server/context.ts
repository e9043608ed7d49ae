// What every router gets: the database, the config, the clock and the logger. No globals.
import type { Db } from "./db/database";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { Logger } from "./logger";

export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
}
