// Retirement: from its retirement date on (the Stockholm date, the same rule as the pane and the command line),
// a template version is refused with a clear Swedish message.
import { AppError } from "../../shared/protocol/errors";
import type { PublishedTemplate } from "../../shared/protocol/api";
import { isUsable } from "../../shared/submission/usable";

export function assertNotRetired(t: PublishedTemplate, at: Date): void {
  if (isUsable(t, at)) return;
  throw new AppError(422, "template-retired", {
    templateId: t.template.id,
    templateVersion: t.template.version,
    retiredFrom: t.retiredFrom,
    message: `Mallen ”${t.template.title}” version ${t.template.version} används inte längre sedan ${t.retiredFrom}. Hämta den senaste versionen av mallen och skicka igen.`,
  });
}
