// Test helpers for other projects' specs: a local HTTP server standing in for X, Mastodon or Meta.
export * from './recording-server';
