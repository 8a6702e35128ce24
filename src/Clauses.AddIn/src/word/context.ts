// What every view of the Word pane receives: the API, the organisation, the message bar,
// cached reference data, and the Word host (the thin word-host module, replaceable in tests).

import type { ApiClient } from "../shared/api.js";
import * as wordHost from "./word-host.js";
import { wordApi, type LabourShare, type Reference } from "./word-api.js";

export type WordHost = Pick<
  typeof wordHost,
  "insertOoxmlAtSelection" | "listClauseControls" | "replaceControlContent" | "selectControl" | "documentTitle" | "wordAvailable"
>;

export interface PaneContext {
  api: ApiClient;
  organisationId: string;
  host: WordHost;
  reportError(error: unknown): Promise<void>;
  clearError(): void;
  reference(): Promise<Reference>;
  labourShares(): Promise<LabourShare[]>;
}

export function createContext(init: Omit<PaneContext, "reference" | "labourShares" | "host"> & { host?: WordHost }): PaneContext {
  let reference: Promise<Reference> | null = null;
  let shares: Promise<LabourShare[]> | null = null;
  return {
    ...init,
    host: init.host ?? wordHost,
    reference: () => {
      reference ??= wordApi.reference(init.api).catch((error: unknown) => {
        reference = null;
        throw error;
      });
      return reference;
    },
    labourShares: () => {
      shares ??= wordApi.labourShares(init.api, init.organisationId).catch((error: unknown) => {
        shares = null;
        throw error;
      });
      return shares;
    },
  };
}
