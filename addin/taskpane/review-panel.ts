import type { Panel, PaneContext } from "./app";

export function wireReviewPanel(_ctx: PaneContext): Panel {
  return {};
}
