// What every panel of the pane is given: the host's workbook, the sync client, the stored sign-in, the DOM helpers
// and the signed-in session. Only types live here, so panels and the pane's start never import each other.
import type { AreaRegisters } from "../../shared/areas";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { Session, SyncClient } from "../sync-client";
import type { TokenStore } from "./token-store";
import type { Ui } from "./ui";

export interface PaneDeps {
  doc: Document;
  port: WorkbookPort;
  client: SyncClient;
  tokens: TokenStore;
  /** The partner's linkage key for double reporting (never sent; only the tokens made with it are). */
  linkKeys?: TokenStore;
  /** Loads the area registers the server holds (for locating rows). */
  loadRegisters: (client: SyncClient) => Promise<AreaRegisters>;
  /** Called after the host workbook changes (the in-memory test host redraws its view). */
  onWorkbookChange?: () => void;
}

export interface PaneContext extends PaneDeps {
  ui: Ui;
  session(): Session;
  changed(): void;
}

export interface Panel {
  onSignIn?(session: Session): void | Promise<void>;
}
