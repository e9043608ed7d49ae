// The built-in version-1 templates for the six partners of the demo municipality. They accept those exports as they are.
import { templateSchema, type Template, type TemplateInput } from "./schema";

const v = (value: string, synonyms: string[] = [], linkClass?: string) => ({ value, synonyms, ...(linkClass ? { linkClass } : {}) });

const polis: TemplateInput = {
  id: "polis-anmalningar",
  version: 1,
  title: "Polisen: anmälda brott och STORM-händelser",
  orgKind: "polis",
  rowKind: "event",
  sheetNameHint: "Anmälningar",
  timeGranularity: "hour",
  columns: [
    { key: "arendenummer", header: "Anmälningsnummer", aliases: ["Ärendenummer", "Diarienummer", "K-nummer"], type: "text", required: false, role: "identifying" },
    { key: "datum", header: "Datum", aliases: ["Brottsdatum", "Händelsedatum"], type: "date", required: true, role: "date", numberFormat: "yyyy-mm-dd" },
    { key: "klockslag", header: "Klockslag", aliases: ["Tid", "Tidpunkt"], type: "time", required: false, role: "time", numberFormat: "hh:mm" },
    {
      key: "brottskod", header: "Brottskod", aliases: ["Kod"], type: "enum", required: true, role: "category",
      values: [
        v("0301", ["301"]), v("0601", ["601"]), v("0701", ["701"]), v("0801", ["801"]), v("1201"), v("1203", [], "brand"),
        v("1301", [], "brand"), v("1701"), v("1702"), v("STORM"),
      ],
    },
    {
      key: "brottsbenamning", header: "Brottsbenämning", aliases: ["Benämning", "Brottstyp"], type: "enum", required: false, role: "category",
      values: [
        v("Misshandel utomhus"), v("Stöld"), v("Tillgrepp av motorfordon", ["Fordonstillgrepp"]), v("Rån"), v("Skadegörelse"),
        v("Skadegörelse genom brand", ["Anlagd brand"]), v("Mordbrand"), v("Våld eller hot mot tjänsteman", ["Våld mot tjänsteman", "Hot mot tjänsteman"]),
        v("Övergrepp i rättssak"), v("Ordningsstörning"),
      ],
    },
    { key: "brottsplats", header: "Brottsplats", aliases: ["Adress", "Plats", "Händelseplats"], type: "address", required: false, role: "location" },
    { key: "malsagande", header: "Målsägande", aliases: [], type: "text", required: false, role: "identifying" },
    { key: "personnummer_misstankt", header: "Personnummer misstänkt", aliases: ["Misstänkt", "Personnummer"], type: "text", required: false, role: "identifying" },
    { key: "handelseforlopp", header: "Händelseförlopp", aliases: ["Beskrivning", "Fritext"], type: "text", required: false, role: "identifying" },
  ],
};

const raddning: TemplateInput = {
  id: "raddningstjanst-insatser",
  version: 1,
  title: "Räddningstjänsten: insatser",
  orgKind: "raddningstjanst",
  rowKind: "event",
  sheetNameHint: "Insatser",
  timeGranularity: "hour",
  columns: [
    { key: "handelsenummer", header: "Händelsenummer", aliases: ["Insatsnummer", "Ärendenummer"], type: "text", required: false, role: "identifying" },
    { key: "datum", header: "Datum", aliases: ["Larmdatum"], type: "date", required: true, role: "date", numberFormat: "yyyy-mm-dd" },
    { key: "larmtid", header: "Larmtid", aliases: ["Tid", "Klockslag"], type: "time", required: false, role: "time", numberFormat: "hh:mm" },
    {
      key: "handelsetyp", header: "Händelsetyp", aliases: ["Typ"], type: "enum", required: true, role: "category",
      values: [
        v("Brand utomhus", ["Brand ute", "Brand i det fria"], "brand"), v("Brand i byggnad", ["Byggnadsbrand"], "brand"),
        v("Brand i container/soptunna", ["Containerbrand", "Brand i container", "Brand i soptunna"], "brand"),
        v("Brand i fordon", ["Fordonsbrand", "Bilbrand"], "brand"), v("Hot mot räddningspersonal", ["Hot mot personal"]),
      ],
    },
    { key: "anlagd", header: "Anlagd", aliases: ["Anlagd brand", "Uppsåtlig"], type: "enum", required: false, role: "category", values: [v("Ja", ["J", "Yes"]), v("Nej", ["N", "No"]), v("Okänd", ["Okänt", "Vet ej", "?"])] },
    {
      key: "miljo", header: "Miljö", aliases: ["Miljo", "Plats typ"], type: "enum", required: false, role: "category",
      values: [v("Skola"), v("Offentlig utomhusmiljö", ["Utomhus offentlig"]), v("Offentlig inomhusmiljö", ["Inomhus offentlig"]), v("Bostad"), v("Industri")],
    },
    { key: "adress", header: "Adress", aliases: ["Plats", "Händelseplats"], type: "address", required: false, role: "location" },
    { key: "koordinat_n", header: "Koordinat N", aliases: ["N", "Northing", "Y"], type: "coordinate", axis: "N", crs: "EPSG:3006", required: false, role: "location" },
    { key: "koordinat_e", header: "Koordinat E", aliases: ["E", "Easting", "X"], type: "coordinate", axis: "E", crs: "EPSG:3006", required: false, role: "location" },
    { key: "insatsledare", header: "Insatsledare", aliases: ["Räddningsledare"], type: "text", required: false, role: "identifying" },
  ],
};

const vakt: TemplateInput = {
  id: "vaktbolag-rapporter",
  version: 1,
  title: "Vaktbolaget: väktarrapporter",
  orgKind: "vaktbolag",
  rowKind: "event",
  sheetNameHint: "Rapporter",
  timeGranularity: "hour",
  columns: [
    { key: "rapport_id", header: "Rapport-ID", aliases: ["Rapportnummer", "ID"], type: "text", required: false, role: "identifying" },
    { key: "datum", header: "Datum", aliases: [], type: "date", required: true, role: "date", numberFormat: "yyyy-mm-dd" },
    { key: "tid", header: "Tid", aliases: ["Klockslag"], type: "time", required: false, role: "time", numberFormat: "hh:mm" },
    {
      key: "typ", header: "Typ", aliases: ["Händelsetyp", "Kategori"], type: "enum", required: true, role: "category",
      values: [v("Skadegörelse", ["Skadegorelse"], "skadegorelse"), v("Klotter", ["Graffiti"], "skadegorelse"), v("Ordningsstörning", ["Störning"]), v("Nästan händelse", ["Nära händelse", "Tillbud"])],
    },
    { key: "plats", header: "Plats", aliases: ["Adress"], type: "address", required: false, role: "location" },
    { key: "beskrivning", header: "Beskrivning", aliases: ["Fritext"], type: "text", required: false, role: "identifying" },
    { key: "vaktare", header: "Väktare", aliases: ["Vaktare"], type: "text", required: false, role: "identifying" },
  ],
};

const bostad: TemplateInput = {
  id: "bostadsbolag-arenden",
  version: 1,
  title: "Bostadsbolaget: ärenden",
  orgKind: "bostadsbolag",
  rowKind: "event",
  sheetNameHint: "Ärenden",
  timeGranularity: "day",
  columns: [
    { key: "arendenummer", header: "Ärendenummer", aliases: ["Ärende"], type: "text", required: false, role: "identifying" },
    { key: "datum", header: "Datum", aliases: [], type: "date", required: true, role: "date", numberFormat: "yyyy-mm-dd" },
    {
      key: "kategori", header: "Kategori", aliases: ["Typ", "Ärendetyp"], type: "enum", required: true, role: "category",
      values: [v("Störningsjour", ["Störning", "Störningsärende"]), v("Skadegörelse", [], "skadegorelse"), v("Klotter", ["Graffiti"], "skadegorelse"), v("Obehöriga i fastighet", ["Obehöriga"])],
    },
    { key: "adress", header: "Adress", aliases: ["Plats"], type: "address", required: false, role: "location" },
    { key: "lagenhetsnummer", header: "Lägenhetsnummer", aliases: ["Lgh", "Lägenhet"], type: "text", required: false, role: "identifying" },
    { key: "hyresgast", header: "Hyresgäst", aliases: [], type: "text", required: false, role: "identifying" },
    { key: "telefon", header: "Telefon", aliases: ["Telefonnummer"], type: "text", required: false, role: "identifying" },
    { key: "anteckning", header: "Anteckning", aliases: ["Kommentar", "Fritext"], type: "text", required: false, role: "identifying" },
  ],
};

const skola: TemplateInput = {
  id: "skola-betyg-ak9",
  version: 1,
  title: "Utbildningskontoret: betyg i årskurs 9 per hemområde",
  orgKind: "skola",
  rowKind: "aggregate",
  sheetNameHint: "Betyg åk 9",
  timeGranularity: "day",
  columns: [
    { key: "lasar", header: "Läsår", aliases: ["Lasar"], type: "period", periodKind: "schoolyear", required: true, role: "kept" },
    { key: "nyko", header: "NYKO", aliases: ["Område", "NYKO-kod"], type: "nyko", required: true, role: "location" },
    { key: "elever_ak9", header: "Elever åk 9", aliases: ["Antal elever"], type: "integer", required: true, role: "denominator" },
    { key: "ej_behorighet", header: "Ej behörighet/ofullständiga betyg", aliases: ["Ofullständiga betyg", "Ej behörighet"], type: "integer", required: true, role: "measure" },
  ],
};

const social: TemplateInput = {
  id: "socialtjanst-orosanmalningar",
  version: 1,
  title: "Socialtjänsten: orosanmälningar om barn per område och månad",
  orgKind: "socialtjanst",
  rowKind: "aggregate",
  sheetNameHint: "Anmälningar",
  timeGranularity: "day",
  columns: [
    { key: "manad", header: "Månad", aliases: ["Manad", "Period"], type: "period", periodKind: "month", required: true, role: "kept" },
    { key: "nyko", header: "NYKO", aliases: ["Område", "NYKO-kod"], type: "nyko", required: true, role: "location" },
    { key: "orosanmalningar", header: "Antal orosanmälningar", aliases: ["Orosanmälningar"], type: "integer", required: true, role: "measure" },
    { key: "barn_0_17", header: "Antal barn 0-17", aliases: ["Barn 0-17", "Antal barn"], type: "integer", required: true, role: "denominator" },
  ],
};

// Direct measures of safety (issue 15 §2): survey results per area and round, submitted already aggregated by
// whoever runs the survey (the police and the municipality run the trygghetsmätning, the school office the pupils'
// survey). A survey round is the calendar year it was carried out in: a pupils' survey in the spring of school year
// 2025/26 is round 2026. The respondents are people, so disclosure control treats both the answer counts and the
// respondents (their sum over the answer categories) as counts.
const TRYGG_SCALE = [
  v("Mycket trygg"), v("Ganska trygg"), v("Ganska otrygg"), v("Mycket otrygg"),
  v("Vet ej/ej svar", ["Vet ej", "Ej svar", "Ingen uppfattning", "Vet inte"]),
];
export const SURVEY_QUESTIONS = {
  kvall: "Trygg ute ensam sent en kväll i området",
  skolan: "Trygg i skolan",
  skolvagen: "Trygg på väg till och från skolan",
} as const;
// Its id sorts after the partners' own templates, so a partner's export stays the first template the pane offers.
const enkat: TemplateInput = {
  id: "trygghetsenkat",
  version: 1,
  title: "Trygghetsenkäter: svar per område och omgång",
  orgKind: "kommun",
  rowKind: "aggregate",
  sheetNameHint: "Enkätsvar",
  timeGranularity: "day",
  uniqueRows: true,
  breakdown: { category: "svar", count: "antal_svar", total: "antal_svarande" },
  columns: [
    { key: "ar", header: "År", aliases: ["Omgång", "Mätår", "Enkätår"], type: "period", periodKind: "year", required: true, role: "kept" },
    { key: "nyko", header: "NYKO", aliases: ["Område", "NYKO-kod"], type: "nyko", required: true, role: "location" },
    {
      key: "enkat", header: "Enkät", aliases: ["Undersökning", "Mätning"], type: "enum", required: true, role: "category",
      values: [v("Trygghetsmätning", ["Trygghetsundersökning", "Polisens trygghetsmätning"]), v("Elevenkät", ["Elevenkäten", "Skolenkät"])],
    },
    {
      key: "fraga", header: "Fråga", aliases: ["Frågeområde"], type: "enum", required: true, role: "category",
      values: [
        v(SURVEY_QUESTIONS.kvall, ["Hur trygg känner du dig om du går ut ensam sent en kväll i ditt område?", "Trygg ute sent på kvällen"]),
        v(SURVEY_QUESTIONS.skolan, ["Känner du dig trygg i skolan?"]),
        v(SURVEY_QUESTIONS.skolvagen, ["Känner du dig trygg på väg till och från skolan?", "Trygg på skolvägen"]),
      ],
    },
    { key: "svar", header: "Svarsalternativ", aliases: ["Svar", "Svarskategori"], type: "enum", required: true, role: "category", values: TRYGG_SCALE },
    { key: "antal_svarande", header: "Antal svarande", aliases: ["Svarande", "Antal som svarat på frågan"], type: "integer", required: true, role: "denominator" },
    { key: "antal_svar", header: "Antal svar", aliases: ["Antal med svaret", "Antal"], type: "integer", required: true, role: "measure" },
  ],
};

// Residence-based police indicators (issue 15 §3): people per area of residence (NYKO-3) and year, counted by the
// police from their registers and submitted already aggregated. Each group has the population band of the register
// that is its denominator (`shared/indicators/builtin.ts`); the register has totalt, 0–17 and 18–24, so the study's
// "young suspects 15–20" is counted here as suspects 18–24 until the register has a 15–20 band.
export const RESIDENCE_GROUPS = {
  misstankta: "Misstänkta 18–24 år",
  lagforda: "Lagförda 18–24 år",
  natverk: "Aktiva i kriminella nätverk",
} as const;
const polisBoende: TemplateInput = {
  id: "polis-boende",
  version: 1,
  title: "Polisen: personer per bostadsområde och år",
  orgKind: "polis",
  rowKind: "aggregate",
  sheetNameHint: "Boende",
  timeGranularity: "day",
  uniqueRows: true,
  columns: [
    { key: "ar", header: "År", aliases: ["Kalenderår"], type: "period", periodKind: "year", required: true, role: "kept" },
    { key: "nyko", header: "NYKO", aliases: ["Bostadsområde", "Område", "NYKO-kod"], type: "nyko", required: true, role: "location" },
    {
      key: "grupp", header: "Grupp", aliases: ["Befolkningsgrupp", "Kategori"], type: "enum", required: true, role: "category",
      values: [
        v(RESIDENCE_GROUPS.misstankta, ["Misstänkta 18-24 år", "Unga misstänkta 18–24 år", "Unga misstänkta"]),
        v(RESIDENCE_GROUPS.lagforda, ["Lagförda 18-24 år", "Unga vuxna lagförda 18–24 år", "Unga vuxna lagförda"]),
        v(RESIDENCE_GROUPS.natverk, ["Aktiva i kriminella nätverk", "Kriminella nätverk", "Aktiv i kriminellt nätverk"]),
      ],
    },
    { key: "antal_personer", header: "Antal personer", aliases: ["Antal", "Personer"], type: "integer", required: true, role: "measure" },
  ],
};

/** Built-in templates, parsed (so defaults are filled and the schema's rules are checked at load). */
export const BUILTIN_TEMPLATES: readonly Template[] = [polis, raddning, vakt, bostad, skola, social, enkat, polisBoende].map((t) => templateSchema.parse(t));

/** The organisations of the demo municipality and the template each uses. */
export const DEMO_ORGANISATIONS = [
  { id: "polisen", name: "Polisen lokalpolisområde Demostad", kind: "polis", templates: ["polis-anmalningar", "polis-boende", "trygghetsenkat"] },
  { id: "brandforsvaret", name: "Räddningstjänsten Demokommun", kind: "raddningstjanst", templates: ["raddningstjanst-insatser"] },
  { id: "vaktbolaget", name: "Demo Vakt AB", kind: "vaktbolag", templates: ["vaktbolag-rapporter"] },
  { id: "bostadsbolaget", name: "Demobostäder AB", kind: "bostadsbolag", templates: ["bostadsbolag-arenden"] },
  { id: "utbildningskontoret", name: "Utbildningskontoret", kind: "skola", templates: ["skola-betyg-ak9", "trygghetsenkat"] },
  { id: "socialtjansten", name: "Socialtjänsten", kind: "socialtjanst", templates: ["socialtjanst-orosanmalningar"] },
  { id: "kommunen", name: "Demokommun (huvudman)", kind: "kommun", templates: [] },
] as const;

/** The version `version` of template `id` among `templates`, or its latest version when none is given. */
export function templateVersion(templates: readonly Template[], id: string, version?: number): Template | undefined {
  const same = templates.filter((t) => t.id === id);
  if (version !== undefined) return same.find((t) => t.version === version);
  return same.reduce<Template | undefined>((best, t) => (best === undefined || t.version > best.version ? t : best), undefined);
}

export function builtinTemplate(id: string, version?: number): Template | undefined {
  return templateVersion(BUILTIN_TEMPLATES, id, version);
}
