"""Signal transport: signal-cli JSON-RPC client, router and Messenger adapter."""
