-- POST one image (path in UPLOAD_PNG) as the multipart field `file`, as the seed's clients do: /predict or /read.
local file = assert(io.open(os.getenv("UPLOAD_PNG"), "rb"))
local png = file:read("*a")
file:close()
local boundary = "digitsbenchboundary"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.png\"\r\n" ..
  "Content-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
dofile(os.getenv("WRK_REPORT"))
