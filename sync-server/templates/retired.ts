// Retirement: from its retirement date on, a template version is refused with a clear Swedish message.
import { AppError } from "../../shared/protocol/errors";
import type { PublishedTemplate } from "../../shared/protocol/api";

export function isRetired(t: PublishedTemplate, today: string): boolean {
  return t.retiredFrom !== null && today >= t.retiredFrom;
}

export function assertNotRetired(t: PublishedTemplate, today: string): void {
  if (!isRetired(t, today)) return;
  throw new AppError(422, "template-retired", {
    templateId: t.template.id,
    templateVersion: t.template.version,
    retiredFrom: t.retiredFrom,
    message: `Mallen "${t.template.title}" version ${t.template.version} används inte längre sedan ${t.retiredFrom}. Hämta den senaste versionen av mallen och skicka igen.`,
  });
}
