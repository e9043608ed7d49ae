// Starts the pane on a given workbook: the sign-in kept per device (partitioned where Office gives a partition key),
// the sync client on the same origin, and the linkage key store. Used by the production entry (Excel) and by the
// test host's entry (the in-memory workbook); marks the page ready once the pane is wired.
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { createSyncClient } from "../sync-client";
import { startPane } from "./app";
import { loadServerRegisters as loadRegisters } from "../../shared/submission/checker";
import { createTokenStore, LINK_KEY } from "./token-store";

export interface BootOptions {
  partitionKey: string | null;
  /** Called after the host workbook changes (the in-memory test host redraws its view). */
  onWorkbookChange?: () => void;
}

export async function bootPane(doc: Document, port: WorkbookPort, options: BootOptions): Promise<void> {
  const storage = doc.defaultView!.localStorage;
  const tokens = createTokenStore(storage, options.partitionKey);
  const client = createSyncClient({
    baseUrl: "",
    onSession: (s) => (s ? tokens.save(s.refreshToken) : tokens.clear()),
  });
  const linkKeys = createTokenStore(storage, options.partitionKey, LINK_KEY);
  await startPane({ doc, port, client, tokens, linkKeys, loadRegisters, onWorkbookChange: options.onWorkbookChange });
  doc.body.dataset.ready = "true";
}
