//go:build tools

// Package tools pins the wasmd command in go.mod and go.sum (`go mod tidy` follows this
// blank import); scripts/localnet.sh builds it with
// `go build github.com/CosmWasm/wasmd/cmd/wasmd`.
package tools

import _ "github.com/CosmWasm/wasmd/cmd/wasmd"
