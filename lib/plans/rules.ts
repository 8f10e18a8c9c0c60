// Who reads how much of a plan: pure, read off the permission matrix (no I/O).
import { can, type Grantee } from "@/lib/auth/permissions";

/**
 * How much of a plan the actor reads, so every figure can say what it counts:
 * - `whole`: every work point and task (office, leaders: plan:read over the committee)
 * - `groups`: the work points of the actor's special groups (a liaison)
 * - `unit`: the work points holding a task the actor's unit leads or cooperates on (a reporter)
 * - `own`: both of the last two (one person who is a liaison and a reporter)
 */
export type PlanReach = "whole" | "groups" | "unit" | "own";

/**
 * Office and leaders read a plan whole, and only they take its workbook: it is the office's import
 * template, every point and task of the plan (decision 0019).
 */
export function readsWholePlan(actor: Grantee, committeeId: string): boolean {
  return can(actor, "plan:read", { committeeId });
}
