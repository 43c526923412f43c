import { AdminError } from "@/lib/admin/errors";

export const webhookNotFound = () => new AdminError("not_found", "Webhook not found");
