-- POST /read with one photo of a number (path in NUMBER_PNG) as the multipart field `file`.
local file = assert(io.open(os.getenv("NUMBER_PNG"), "rb"))
local png = file:read("*a")
file:close()
local boundary = "digitsbenchboundary"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"number.png\"\r\n" ..
  "Content-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
dofile(os.getenv("WRK_REPORT"))
