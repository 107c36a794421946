// A gateway refusal: its HTTP status and a plain-words reason (answered as text/plain, so curl
// shows it as is).
export class GatewayError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 502 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
