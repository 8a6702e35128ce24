// The API contract the Word pane uses (types and one function per endpoint), on top of api.ts.

import type { ApiClient, ContractSummary, WithEtag } from "../shared/api.js";

/** Decimals come as JSON numbers (or strings if the server keeps precision). */
export type Decimal = number | string;

export interface Term {
  code: string;
  label: string;
}

export interface InstrumentInfo extends Term {
  legalBasis: string;
  explanation: string;
}

export interface PresetInfo extends Term {
  minRate: Decimal;
  explanation: string;
}

export interface Reference {
  instruments: InstrumentInfo[];
  relevanceReasons: Term[];
  loiClimatExceptions: Term[];
  modalities: Term[];
  criteria: Term[];
  presets: PresetInfo[];
  sizingModes: Term[];
  roundingModes: Term[];
  reportingFrequencies: Term[];
}

export type LabourShareSource = "table_sourcee" | "table_a_valider" | "organisation" | "saisie";

export interface LabourShare {
  trade: string;
  label: string;
  share: Decimal;
  source: LabourShareSource;
  reference: string | null;
}

export interface ContractInfo extends ContractSummary {
  lotCount: number;
  analysedLotCount: number;
  analysed: boolean;
  version: number;
}

export interface Lot {
  id: string;
  number: number;
  title: string;
  trade: string | null;
  cpvCode: string | null;
  amountHt: Decimal;
  relevanceOutcome: RelevanceOutcome | null;
  version: number;
}

export interface ContractDetail {
  contract: ContractInfo;
  lots: Lot[];
}

export interface NewContract {
  organisationId: string;
  reference: string;
  title: string;
  kind: string;
  category: string;
  amountHt: number;
  cpvCode?: string;
  launchedOn?: string;
}

export interface NewLot {
  number: number;
  title: string;
  trade: string | null;
  cpvCode?: string;
  amountHt: number;
}

export type RelevanceOutcome = "pertinent" | "non_pertinent";

export interface RelevanceEntry {
  lotId: string;
  number: number;
  title: string;
  outcome: RelevanceOutcome | null;
  instruments: string[];
  reason: string | null;
  comment: string | null;
  loiClimatException: string | null;
  analysedBy: string | null;
  analysedAt: string | null;
  version: number | null;
}

export interface ContractRelevance {
  contractId: string;
  analysed: boolean;
  analysedLotCount: number;
  lotCount: number;
  loiClimat: { applies: boolean; threshold: Decimal | null; explanation: string };
  lots: RelevanceEntry[];
}

export interface RelevanceRequest {
  outcome: RelevanceOutcome;
  instruments: string[];
  reason: string | null;
  comment: string | null;
  loiClimatException: string | null;
}

export interface SizingInputs {
  amountHt: number | null;
  labourShare: number | null;
  labourShareSource: LabourShareSource | null;
  insertionRate: number | null;
  hourlyCost: number | null;
  sizingMode: string | null;
  roundingMode: string | null;
  preset: string | null;
  allowedModalities: string[];
}

export interface Warning {
  code: string;
  message: string;
}

export interface SizingPreview {
  exactHours: Decimal | null;
  targetHours: Decimal | null;
  formula: string | null;
  warnings: Warning[];
  errors: Record<string, string[]>;
}

export interface ClauseRequest extends SizingInputs {
  instrument: string;
  awardWeight: number | null;
  penaltyPerHour: number | null;
  penaltyCap: number | null;
  eligibleCriteria: string[];
  reportingFrequency: string | null;
  facilitatorContact: string | null;
}

export interface Clause extends ClauseRequest {
  id: string;
  lotId: string;
  contractId: string;
  lotNumber: number;
  targetHours: Decimal | null;
  formula: string | null;
  warnings: Warning[];
  wordingCode: string;
  wordingVersion: number;
  tag: string;
  version: number;
}

export interface RenderedClause {
  clauseId: string;
  tag: string;
  title: string;
  version: number;
  text: string;
  ooxml: string;
  contentOoxml: string;
}

export interface DocumentCheck {
  upToDate: { tag: string; clauseId: string; lotNumber: number; instrument: string }[];
  outdated: { tag: string; currentTag: string; clauseId: string; lotNumber: number; instrument: string; fromVersion: number; toVersion: number }[];
  unknown: string[];
  missing: { clauseId: string; lotNumber: number; instrument: string; tag: string }[];
}

/** ETag value for a version number, as the server writes it. */
export const etagOf = (version: number | null | undefined): string | null =>
  version === null || version === undefined ? null : `"${version}"`;

const id = encodeURIComponent;

export const wordApi = {
  reference: (api: ApiClient) => api.get<Reference>("/api/reference"),
  labourShares: (api: ApiClient, organisationId: string) =>
    api.get<LabourShare[]>("/api/labour-shares", { query: { organisationId } }),
  contract: (api: ApiClient, contractId: string) => api.get<ContractDetail>(`/api/contracts/${id(contractId)}`),
  createContract: (api: ApiClient, body: NewContract) => api.post<ContractInfo>("/api/contracts", body),
  createLot: (api: ApiClient, contractId: string, body: NewLot) => api.post<Lot>(`/api/contracts/${id(contractId)}/lots`, body),
  relevance: (api: ApiClient, contractId: string) => api.get<ContractRelevance>(`/api/contracts/${id(contractId)}/relevance`),
  saveRelevance: (api: ApiClient, lotId: string, body: RelevanceRequest, version: number | null) =>
    api.putWithEtag<RelevanceEntry>(`/api/lots/${id(lotId)}/relevance`, body, { ifMatch: etagOf(version) }),
  preview: (api: ApiClient, body: SizingInputs, signal?: AbortSignal) =>
    api.post<SizingPreview>("/api/sizing/preview", body, signal ? { signal } : {}),
  clauses: (api: ApiClient, lotId: string) => api.get<Clause[]>(`/api/lots/${id(lotId)}/clauses`),
  createClause: (api: ApiClient, lotId: string, body: ClauseRequest) => api.post<Clause>(`/api/lots/${id(lotId)}/clauses`, body),
  updateClause: (api: ApiClient, clauseId: string, body: ClauseRequest, version: number): Promise<WithEtag<Clause>> =>
    api.putWithEtag<Clause>(`/api/clauses/${id(clauseId)}`, body, { ifMatch: etagOf(version) }),
  render: (api: ApiClient, clauseId: string) => api.get<RenderedClause>(`/api/clauses/${id(clauseId)}/render`),
  documentCheck: (api: ApiClient, contractId: string, tags: string[]) =>
    api.post<DocumentCheck>(`/api/contracts/${id(contractId)}/document-check`, { tags }),
  annexPath: (contractId: string) => `/api/contracts/${id(contractId)}/annex.docx`,
};
