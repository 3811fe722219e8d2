/**
 * Errors a staff route ends with; the router's error handler renders them as a page or as JSON
 * (under /staff/api) and writes the audit entry of a denial.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Staff asking for another municipality's data, or for something that does not exist (the two
 * look the same to staff, so ids cannot be probed). `target` names what was asked for, for the
 * audit log.
 */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(readonly target: string) {
    super(403, 'Du har ikke tilgang til dette, eller det finnes ikke.');
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super(404, `Fant ikke ${what}.`);
  }
}

export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(message: string) {
    super(400, message);
  }
}
