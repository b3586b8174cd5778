import { ErrorResponseFromJSON, ResponseError, type ErrorResponse } from 'coc-multicloud-sync-client';

/** What a refused call answered: its status, its documented error body and its X-Request-Id header. */
export interface Refusal {
    status: number;
    error: ErrorResponse;
    headerRequestId: string | null;
}

/** Runs a call that must fail with an HTTP error, and reads the error as a client would. */
export async function refusalOf(call: () => Promise<unknown>): Promise<Refusal> {
    try {
        await call();
    } catch (e) {
        if (e instanceof ResponseError) {
            return {
                status: e.response.status,
                error: ErrorResponseFromJSON(await e.response.json()),
                headerRequestId: e.response.headers.get('X-Request-Id'),
            };
        }
        throw e;
    }
    throw new Error('the call succeeded, but it should have been refused');
}
