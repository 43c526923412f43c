import { z } from "zod";

export const directoryNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(200, "Use at most 200 characters");

export const deprovisionPolicySchema = z.enum(["erase", "retain"], { error: 'Choose "erase" or "retain"' });

export const clientLabelSchema = z.string().trim().max(200, "Use at most 200 characters");
