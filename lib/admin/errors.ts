// An admin's input that passed validation but cannot be applied (e.g. a directory id that does not exist).
export class AdminInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AdminInputError";
  }
}
