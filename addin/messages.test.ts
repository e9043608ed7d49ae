import { describe, expect, it } from "vitest";
import { errorText, refusalText } from "./messages";
import { SyncError } from "./sync-client";

describe("refusalText", () => {
  it("prefers the server's own Swedish explanation", () => {
    expect(refusalText(new SyncError(409, "conflict", { message: "Begäran är redan avgjord." }))).toBe("Begäran är redan avgjord.");
  });
  it("joins the messages of the issues when there is no single message", () => {
    const e = new SyncError(422, "validation-failed", { issues: [{ message: "Datum saknas." }, { message: "Fel period." }, { row: 3 }] });
    expect(refusalText(e)).toBe("Datum saknas. Fel period.");
  });
  it("is undefined for errors without the server's words", () => {
    expect(refusalText(new Error("nätverk"))).toBeUndefined();
    expect(refusalText(new SyncError(500, "internal-error"))).toBeUndefined();
    expect(refusalText(new SyncError(422, "validation-failed", { issues: [{ row: 1 }] }))).toBeUndefined();
  });
  it("leaves the generic reason text to errorText", () => {
    expect(errorText("forbidden")).toBe("Du har inte behörighet till det här.");
  });
});
