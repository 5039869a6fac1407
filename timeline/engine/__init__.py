"""The build's engine: articles streamed in batches (:mod:`.batches`), the batches run
in this process or spread over processes (:mod:`.local`) or over a Dask cluster
(:mod:`.dask`), and the results gathered in input order (:mod:`.run`), so every engine
and every number of jobs writes the same outputs, byte for byte."""
