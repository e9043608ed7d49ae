// A refused server certificate, said in Swedish with what to do about it. Node names the problem with an OpenSSL
// code (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …); the code stays in brackets for searching.

const WHAT: [RegExp, string][] = [
  [/SELF_SIGNED/, "är självsignerat och inte betrott här"],
  [/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|CERT_UNTRUSTED/, "är utfärdat av någon som den här datorn inte litar på"],
  [/CERT_HAS_EXPIRED/, "har gått ut"],
  [/CERT_NOT_YET_VALID/, "gäller inte ännu (stämmer datorns klocka?)"],
  [/ALTNAME|HOSTNAME/, "gäller inte för den adress du angav (använd namnet i certifikatet, för demon localhost)"],
];

/** True for the error codes of a certificate the client refused (waiting and retrying will not help). */
export function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/.test(code);
}

/** What is wrong with the server's certificate and how to trust it, in Swedish. */
export function certificateAdvice(code: string): string {
  const what = WHAT.find(([pattern]) => pattern.test(code))?.[1] ?? "godtogs inte";
  return (
    `serverns certifikat ${what} (${code}). Lita på serverns certifikat med --ca FIL eller LAGESBILD_CA=FIL ` +
    "(demoserverns certifikat är tls/localhost-cert.pem i serverns datakatalog, normalt data/tls/localhost-cert.pem)."
  );
}
