-- Drives Archlens through Neovim's built-in LSP client (vim.lsp.start_client, so Debian's 0.7 runs it too; 0.10
-- runs it as well, with the functions that replaced the deprecated ones) on the example repository and writes what the client saw to a JSON file. Every wait is on a signal from the server (a
-- status notification, published diagnostics, a response), never on a fixed delay.
--
--   ARCHLENS_ROOT=<repo> ARCHLENS_SERVER=<server/out/main.js> ARCHLENS_OUT=<result.json> \
--     nvim --headless --clean -c 'luafile test/neovim/lsp.lua'
--
-- With ARCHLENS_CONFIG=<file.lua> the client is not started here: the file (a user's configuration, e.g. the
-- README's) is loaded and starts it when the first document opens, as it would in a user's editor.
local root = assert(os.getenv('ARCHLENS_ROOT'), 'ARCHLENS_ROOT')
local server = assert(os.getenv('ARCHLENS_SERVER'), 'ARCHLENS_SERVER')
local out = assert(os.getenv('ARCHLENS_OUT'), 'ARCHLENS_OUT')
local node = os.getenv('ARCHLENS_NODE') or 'node'
local config = os.getenv('ARCHLENS_CONFIG')
local TIMEOUT = 30000

local result = { steps = {} }
local ready = false

local function write_result()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function step(name, value)
  result.steps[name] = value
end

-- The first line and character of `needle` in a buffer, as an LSP position (the example files are ASCII).
local function position_of(bufnr, needle, delta)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return { line = i - 1, character = col - 1 + (delta or 0) } end
  end
  error('not found: ' .. needle)
end

local function request(client, bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  if method == 'textDocument/completion' then params.context = { triggerKind = 1 } end
  local response, err = client.request_sync(method, params, TIMEOUT, bufnr)
  assert(response, method .. ': ' .. tostring(err))
  assert(not response.err, method .. ': ' .. vim.inspect(response.err))
  return response.result
end

local function hover_text(h)
  if type(h) ~= 'table' or h == vim.NIL then return vim.NIL end
  local c = h.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  return vim.inspect(c)
end

local function open(relpath, client_id)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. relpath))
  local bufnr = vim.api.nvim_get_current_buf()
  -- With a configuration, its autocmd attaches every buffer it opens to the one client; recorded, so a configuration
  -- that starts a second server or attaches nothing is seen.
  if config then step('attached:' .. relpath, vim.lsp.buf_is_attached(bufnr, client_id)) end
  -- Attaching twice (the configuration's autocmd already did) is a no-op.
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr
end

local function on_status(_, params)
  if params and params.state == 'ready' then
    ready = true
    result.status = params
  end
end

local function run()
  local client_id, sql
  if config then
    vim.lsp.handlers['archlens/status'] = on_status
    vim.cmd('luafile ' .. vim.fn.fnameescape(config))
    vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/dbt/models/marts/fct_orders.sql'))
    sql = vim.api.nvim_get_current_buf()
    -- A client is listed for the buffer once the server has answered `initialize`.
    local function attached()
      -- vim.lsp.get_clients replaced buf_get_clients in 0.10 (which warns that it is deprecated).
      local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = sql }) or vim.lsp.buf_get_clients(sql)
      for _, c in pairs(clients) do
        if c.name == 'archlens' then client_id = c.id end
      end
      return client_id ~= nil
    end
    assert(vim.wait(TIMEOUT, attached, 20), 'the configuration attached no archlens client')
    vim.wait(TIMEOUT, function() return ready or vim.lsp.client_is_stopped(client_id) end, 20)
    assert(ready, 'no ready status from the server (it stopped)')
  else
    client_id = vim.lsp.start_client({
      name = 'archlens',
      cmd = { node, server, '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = 'data-platform' } },
      -- The standalone server runs git (for stale documentation) only in a folder the user says they trust.
      init_options = { trusted = true },
      flags = { debounce_text_changes = 0 },
      handlers = { ['archlens/status'] = on_status },
    })
    assert(client_id, 'the client did not start')
    assert(vim.wait(TIMEOUT, function() return ready end, 20), 'no ready status from the server')
    sql = open('dbt/models/marts/fct_orders.sql', client_id)
  end
  local client = vim.lsp.get_client_by_id(client_id)
  step('initialized', client.initialized == true)

  -- Diagnostics for the reference to a decision that does not exist.
  local function unknown()
    for _, d in ipairs(vim.diagnostic.get(sql)) do
      if tostring(d.message):find('ADR-0042', 1, true) then return d end
    end
  end
  assert(vim.wait(TIMEOUT, function() return unknown() ~= nil end, 20), 'no diagnostic for ADR-0042')
  local d = unknown()
  step('diagnostic', { message = d.message, code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity })

  -- Hover and go to definition on a decision reference.
  local at = position_of(sql, 'ADR-0004', 2)
  step('decisionHover', hover_text(request(client, sql, 'textDocument/hover', at)))
  step('definition', request(client, sql, 'textDocument/definition', at))

  -- Hover on a glossary term in code.
  local py = open('airflow/dags/orders_backfill.py', client_id)
  step('termHover', hover_text(request(client, py, 'textDocument/hover', position_of(py, 'idempotent', 2))))

  -- Completion after `ADR-` typed on a new line (sent to the server as an incremental change).
  local last = vim.api.nvim_buf_line_count(py)
  vim.api.nvim_buf_set_lines(py, last, last, false, { '# see ADR-' })
  local completion = request(client, py, 'textDocument/completion', { line = last, character = #'# see ADR-' })
  local items = completion and (completion.items or completion) or {}
  local labels = {}
  for _, item in ipairs(items) do table.insert(labels, item.label) end
  step('completion', labels)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
write_result()
vim.cmd('qa!')
