// The shapes of admin credentials, shared by the sign-in, first-run setup and Admins forms and their actions.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address"))
  .transform((v) => v.toLowerCase());

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);

export const adminNameSchema = z.string().trim().max(100, "Use at most 100 characters").default("");

export const newAdminSchema = z.object({
  email: emailSchema,
  name: adminNameSchema,
  password: newPasswordSchema,
});

export type NewAdminInput = z.input<typeof newAdminSchema>;
