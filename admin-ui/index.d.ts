/** Where the built admin UI lives, for the server to serve at /app. */
export declare const adminUiDist: string
