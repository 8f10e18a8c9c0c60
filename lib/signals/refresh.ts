import "server-only";
// The refresh of the formalism signals from the services that can change a finding: one task's, or
// the whole committee's, in the caller's transaction and as of now (lib/server/clock.ts).
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { runSignalRefresh, type RefreshCounts } from "./refresh-sql";

/** After a write on one task (a report submitted or approved, a close-out, evidence attached). */
export function refreshTaskSignals(tx: Tx, committeeId: string, taskId: string): Promise<RefreshCounts> {
  return runSignalRefresh(tx, { committeeId, taskId }, now());
}

/** After a change that concerns every task of the committee (its settings). */
export function refreshCommitteeSignals(tx: Tx, committeeId: string): Promise<RefreshCounts> {
  return runSignalRefresh(tx, { committeeId }, now());
}
