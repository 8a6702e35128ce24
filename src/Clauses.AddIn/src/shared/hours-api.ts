// The API contract for insertion hours, used by the Excel pane and the import page: participants,
// hour records of a contract and month, batch declarations (dry run or real), statements and
// their validation, the Excel template and background imports.

import { RawBody, type ApiClient, type Page } from "./api.js";

/** Decimals come as JSON numbers (or strings if the server keeps precision). */
export type Decimal = number | string;

export interface Term {
  code: string;
  label: string;
}

export interface ParticipantSummary {
  id: string;
  reference: string;
  /** "DUPONT Marie"; null when the caller is not a facilitator of the participant's organisation. */
  displayName: string | null;
  eligibleNow?: boolean;
  [more: string]: unknown;
}

export interface LotSummary {
  id: string;
  number: number;
  title: string;
  [more: string]: unknown;
}

export interface ContractWithLots {
  contract: { id: string; organisationId: string; reference: string; title: string; status?: string; [more: string]: unknown };
  lots: LotSummary[];
}

export type StatementStatus = "brouillon" | "valide";

export interface StatementInfo {
  version: number | null;
  status: StatementStatus | null;
  validatedAt: string | null;
  validatedBy: string | null;
}

export interface Statement extends StatementInfo {
  period: string;
  totalHours?: Decimal;
  recordCount?: number;
}

export interface HourRecord {
  lotNumber: number;
  participantId: string;
  participantReference: string;
  participantName: string | null;
  employerSiret: string;
  modality: string;
  period: string;
  periodKind: string;
  hours: Decimal;
  invoicedAmountHt: Decimal | null;
  evidenceReference: string | null;
}

export interface ContractHours {
  contractId: string;
  period: string;
  statement: StatementInfo | null;
  rows: HourRecord[];
}

/** Field names of a batch row (the server's errors name one of them). */
export type HourField = "lotNumber" | "participantReference" | "employerSiret" | "modality" | "period" | "hours" | "invoicedAmountHt" | "evidenceReference";

export interface BatchRow {
  /** Sheet row number, echoed back in the answer. */
  row: number;
  lotNumber: number | null;
  participantReference: string | null;
  employerSiret: string | null;
  modality: string | null;
  period: string | null;
  periodKind: "mois";
  hours: number | null;
  invoicedAmountHt: number | null;
  evidenceReference: string | null;
}

export type RowStatus = "accepted" | "replaced" | "unchanged" | "rejected";

export interface RowError {
  field: string | null;
  message: string;
}

export interface BatchResult {
  accepted: number;
  replaced: number;
  unchanged: number;
  rejected: number;
  rows: { row: number; status: RowStatus; errors: RowError[] }[];
}

export type JobStatus = "en_attente" | "en_cours" | "termine" | "echoue";

export interface ImportError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
}

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number | null;
  total: number | null;
  result: { accepted: number; replaced: number; unchanged: number } | null;
  problem: { type?: string; title?: string; status?: number; detail?: string; errors?: ImportError[] } | null;
  annotatedWorkbook: string | null;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const id = encodeURIComponent;

export const hoursApi = {
  contract: (api: ApiClient, contractId: string) => api.get<ContractWithLots>(`/api/contracts/${id(contractId)}`),
  modalities: async (api: ApiClient) => (await api.get<{ modalities: Term[] }>("/api/reference")).modalities,
  participants: (api: ApiClient, organisationId: string, page: number, pageSize: number) =>
    api.get<Page<ParticipantSummary>>("/api/participants", { query: { organisationId, page, pageSize } }),
  hours: (api: ApiClient, contractId: string, period: string) =>
    api.get<ContractHours>(`/api/contracts/${id(contractId)}/hours`, { query: { period } }),
  /** `source` records where the rows come from (the server accepts excel, api, saisie). */
  batch: (api: ApiClient, contractId: string, dryRun: boolean, rows: BatchRow[], source: "excel" | "api" | "saisie" = "excel") =>
    api.post<BatchResult>(`/api/contracts/${id(contractId)}/hours/batch`, { dryRun, source, rows }),
  statements: (api: ApiClient, contractId: string) => api.get<Statement[]>(`/api/contracts/${id(contractId)}/statements`),
  validate: (api: ApiClient, contractId: string, period: string) =>
    api.post<Statement>(`/api/contracts/${id(contractId)}/statements/${id(period)}/validate`, {}),
  openCorrection: (api: ApiClient, contractId: string, period: string) =>
    api.post<Statement>(`/api/contracts/${id(contractId)}/statements/${id(period)}/corrections`, {}),
  workbookPath: (contractId: string) => `/api/contracts/${id(contractId)}/workbook`,
  startImport: (api: ApiClient, contractId: string, file: Blob, fileName: string) =>
    api.postFile<{ jobId: string }>(`/api/contracts/${id(contractId)}/imports`, new RawBody(file, XLSX_TYPE), { headers: { "X-File-Name": encodeURIComponent(fileName) } }),
  job: (api: ApiClient, jobId: string) => api.get<Job>(`/api/jobs/${id(jobId)}`),
};

/** Every participant of an organisation, page after page (5 000 a page). */
export async function allParticipants(api: ApiClient, organisationId: string, pageSize = 5000): Promise<ParticipantSummary[]> {
  const all: ParticipantSummary[] = [];
  for (let page = 1; page <= 100; page++) {
    const answer = await hoursApi.participants(api, organisationId, page, pageSize);
    all.push(...answer.items);
    // The server may cap the page size: stop on the total, or on a short or empty page.
    if (answer.items.length === 0 || all.length >= answer.total || answer.items.length < Math.min(pageSize, answer.pageSize || pageSize)) break;
  }
  return all;
}
