// Security headers on every response, and no source maps served. API responses are never cached and may not be
// framed; the add-in's pages may be framed only by Office on the web (and by this origin).
import type { RequestHandler } from "express";
import { AppError } from "../../shared/protocol/errors";

/** Origins of Office on the web that frame the task pane (Excel on the web, SharePoint/OneDrive, Microsoft 365). */
export const OFFICE_FRAME_ANCESTORS = [
  "https://*.officeapps.live.com",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.sharepoint.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
];

/** Where Office.js comes from: the hosted script and the scripts it loads next. */
const OFFICE_SCRIPTS = ["https://appsforoffice.microsoft.com", "https://ajax.aspnetcdn.com"];

/**
 * The add-in's pages: scripts and styles from this origin and Office's CDN only, no plugins, no other origin's
 * fetches. `style-src` allows inline styles because Office.js on the web injects them (scripts stay strict).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_SCRIPTS.join(" ")}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors 'self' ${OFFICE_FRAME_ANCESTORS.join(" ")}`,
].join("; ");

/** API responses are data: nothing in them runs, nothing frames them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=31536000; includeSubDomains";

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Strict-Transport-Security", HSTS);
  res.setHeader("Referrer-Policy", "no-referrer");
  if (req.path === "/api" || req.path.startsWith("/api/")) {
    res.setHeader("Content-Security-Policy", API_CSP);
    res.setHeader("Cache-Control", "no-store");
  } else {
    res.setHeader("Content-Security-Policy", PAGE_CSP);
  }
  next();
};

/** Source maps are never served, even when a build left some beside the bundles. */
export const refuseSourceMaps: RequestHandler = (req, _res, next) => {
  next(req.path.endsWith(".map") ? new AppError(404, "not-found") : undefined);
};
