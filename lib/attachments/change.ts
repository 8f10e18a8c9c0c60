import "server-only";
import { pendingFiles } from "./pending";
import { PENDING_CHANGE_REQUEST } from "./scopes";

// Evidence for a plan change request (计划调整: the approving document, a meeting minute), chosen
// before the request is filed: the files wait on the task until `change.request` moves them on.

const changeFiles = pendingFiles({
  entityType: PENDING_CHANGE_REQUEST,
  event: "change",
  permission: "change:request",
  label: "a change request",
});

export const attachToChangeRequest = changeFiles.attach;
export const detachFromChangeRequest = changeFiles.detach;
export const changeRequestOwner = changeFiles.owner;
