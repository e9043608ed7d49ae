// Signed checkpoints of the audit chain: `lagesbild audit checkpoint FILE` appends an `audit.checkpoint` entry and
// writes that entry's position and hash, signed with the audit key, to a file the huvudman keeps elsewhere.
// `audit verify --checkpoint FILE` then finds a chain cut short (the entry is gone) or rewritten (its hash differs),
// which the chain alone cannot show.
import { z } from "zod";
import type { Clock } from "../clock";
import { inTransaction, type Db } from "../db/database";
import { canonicalJson } from "../../shared/protocol/canonical-json";
import { auditKeyId, auditKeyOf, auditMac, macMatches } from "./key";
import { appendAudit, auditHashAt, auditHead, verifyAuditChain, type AuditProblem, type AuditVerification } from "./log";

export const CHECKPOINT_FORMAT = "lagesbild-audit-checkpoint/1";

export const checkpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    seq: z.number().int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string(),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type Checkpoint = z.infer<typeof checkpointSchema>;

function signatureOf(key: Buffer, cp: Omit<Checkpoint, "signature">): string {
  return auditMac(key, "checkpoint", canonicalJson({ format: cp.format, seq: cp.seq, hash: cp.hash, at: cp.at, keyId: cp.keyId }));
}

/** Appends the checkpoint entry and returns the signed checkpoint of it. */
export function createCheckpoint(db: Db, clock: Clock, actor: string): Checkpoint {
  const key = auditKeyOf(db);
  return inTransaction(db, () => {
    appendAudit(db, clock, { actor, action: "audit.checkpoint", details: {} });
    const head = auditHead(db)!;
    const unsigned = { format: CHECKPOINT_FORMAT, seq: head.seq, hash: head.hash, at: head.at, keyId: auditKeyId(key) } as const;
    return { ...unsigned, signature: signatureOf(key, unsigned) };
  });
}

/** Parses a checkpoint file's text; a Swedish message when it is not one. */
export function parseCheckpoint(text: string): { ok: true; value: Checkpoint } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "Kontrollpunktsfilen är inte giltig JSON." };
  }
  const r = checkpointSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: "Filen är ingen kontrollpunkt från lagesbild audit checkpoint." };
}

/** Problems of the database's chain measured against a checkpoint (none when it holds). */
export function checkAgainstCheckpoint(db: Db, cp: Checkpoint): AuditProblem[] {
  const key = auditKeyOf(db);
  if (cp.keyId !== auditKeyId(key) || !macMatches(signatureOf(key, cp), cp.signature))
    return [{ seq: cp.seq, kind: "checkpoint-invalid", message: "Kontrollpunkten är inte undertecknad med den här serverns granskningsnyckel, eller har ändrats." }];
  const hash = auditHashAt(db, cp.seq);
  if (hash === undefined)
    return [{ seq: cp.seq, kind: "truncated", message: `Post ${cp.seq}, som kontrollpunkten från ${cp.at} pekar på, saknas: loggen har kortats.` }];
  if (hash !== cp.hash)
    return [{ seq: cp.seq, kind: "rewritten", message: `Post ${cp.seq} har en annan hash än i kontrollpunkten från ${cp.at}: loggen har skrivits om.` }];
  return [];
}

/** The chain's own checks, plus those against each checkpoint given. */
export function verifyAuditTrail(db: Db, checkpoints: Checkpoint[] = []): AuditVerification {
  const chain = verifyAuditChain(db);
  const problems = [...chain.problems, ...checkpoints.flatMap((cp) => checkAgainstCheckpoint(db, cp))];
  return { ok: problems.length === 0, entries: chain.entries, problems };
}
