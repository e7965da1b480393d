"""`runlab ui`: the web pages and the REST API over the store.

Nothing here is imported by a tracked run or by any other command: starlette and uvicorn load
only when `runlab ui` starts (or a test builds the app).
"""
