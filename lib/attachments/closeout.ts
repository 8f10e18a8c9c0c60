import "server-only";
import { pendingFiles } from "./pending";
import { PENDING_CLOSE_OUT } from "./scopes";

// Evidence for a close-out (对账销号) application, chosen before the application exists: the files
// hang on the task as "pending" (only the lead unit sees them) until `closeout.apply` moves the
// chosen ones onto the request.

const closeOutFiles = pendingFiles({
  entityType: PENDING_CLOSE_OUT,
  event: "closeout",
  permission: "closeout:apply",
  label: "the close-out",
});

export const checkCloseOutUpload = closeOutFiles.check;
export const attachToCloseOut = closeOutFiles.attach;
export const detachFromCloseOut = closeOutFiles.detach;
export const closeOutOwner = closeOutFiles.owner;
