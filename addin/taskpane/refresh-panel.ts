import type { Panel, PaneContext } from "./app";

export function wireRefreshPanel(_ctx: PaneContext): Panel {
  return {};
}
