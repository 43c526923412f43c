// The one validation of each input about admin accounts (the Admins page; any future API or CLI).
import { z } from "zod";
import { idSchema } from "../id-schema";

export const adminIdSchema = idSchema("admin");

export const setAdminPermissionsSchema = z.object({
  adminId: adminIdSchema,
  canManageDirectories: z.boolean({ error: "canManageDirectories must be true or false" }).optional(),
  isOwner: z.boolean({ error: "isOwner must be true or false" }).optional(),
});

export const deleteAdminSchema = z.object({ adminId: adminIdSchema });
