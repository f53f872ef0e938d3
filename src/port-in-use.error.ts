/** The configured port is taken: said in one line, without a stack trace. */
export class PortInUseError extends Error {}
