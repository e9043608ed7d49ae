import type { Panel, PaneContext } from "./app";

export function wireTemplatesPanel(_ctx: PaneContext): Panel {
  return {};
}
