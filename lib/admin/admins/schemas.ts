// The one validation of each input about admin accounts (the Admins page, the CLI, single sign-on).
import { z } from "zod";
import { newAdminSchema } from "@/lib/auth/credentials-schema";
import { ADMIN_ROLES } from "@/lib/auth/permissions";
import { idSchema } from "../id-schema";

export const adminIdSchema = idSchema("admin");

export const adminRoleSchema = z.enum(ADMIN_ROLES, { error: "The role is owner, directoryManager or viewer" });

export const addAdminSchema = newAdminSchema.extend({ role: adminRoleSchema.default("viewer") });

export const setAdminRoleSchema = z.object({ adminId: adminIdSchema, role: adminRoleSchema });

export const deleteAdminSchema = z.object({ adminId: adminIdSchema });

export const signOutEverywhereSchema = z.object({ adminId: adminIdSchema });
