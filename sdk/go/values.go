package ggenworker

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
)

const maxSafeInteger = 1<<53 - 1

var (
	bigIntType = reflect.TypeOf((*big.Int)(nil))
	bytesType  = reflect.TypeOf([]byte(nil))
	maxSafeBig = big.NewInt(maxSafeInteger)
	minSafeBig = big.NewInt(-maxSafeInteger)
)

// decodeJSON parses JSON keeping integers exact (json.Number).
func decodeJSON(data []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(into)
}

// resolve turns a JSON tree (json.Number, []any, map[string]any...) into natural Go values:
// integers int64 (or *big.Int), other numbers float64, tagged objects []byte, *big.Int, float64,
// or the handle's value.
func (s *session) resolve(v any) (any, *rpcError) {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, nil
		}
		if b, ok := new(big.Int).SetString(string(v), 10); ok {
			return b, nil
		}
		f, err := v.Float64()
		if err != nil {
			return nil, newError(codeInvalidParams, "bad number "+string(v))
		}
		return f, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			r, err := s.resolve(e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		if len(v) == 1 {
			for tag, raw := range v {
				if text, ok := raw.(string); ok {
					if r, handled, err := s.resolveTag(tag, text); handled {
						return r, err
					}
				}
			}
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			r, err := s.resolve(e)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	default:
		return v, nil
	}
}

func (s *session) resolveTag(tag, text string) (any, bool, *rpcError) {
	switch tag {
	case "$bigint":
		b, ok := new(big.Int).SetString(text, 10)
		if !ok {
			return nil, true, newError(codeInvalidParams, fmt.Sprintf("bad $bigint %q", text))
		}
		if b.IsInt64() {
			return b.Int64(), true, nil
		}
		return b, true, nil
	case "$bytes":
		data, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return nil, true, newError(codeInvalidParams, "bad $bytes (not base64)")
		}
		return data, true, nil
	case "$float":
		switch text {
		case "NaN":
			return math.NaN(), true, nil
		case "Infinity":
			return math.Inf(1), true, nil
		case "-Infinity":
			return math.Inf(-1), true, nil
		}
		return nil, true, newError(codeInvalidParams, fmt.Sprintf("bad $float %q", text))
	case "$handle":
		v, ok := s.handle(text)
		if !ok {
			return nil, true, newError(codeInvalidParams, "unknown or released handle "+text)
		}
		return v, true, nil
	}
	return nil, false, nil
}

// convert gives a natural value (from resolve) the parameter type t.
func convert(v any, t reflect.Type) (reflect.Value, error) {
	if v == nil {
		switch t.Kind() {
		case reflect.Interface, reflect.Ptr, reflect.Slice, reflect.Map:
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fmt.Errorf("cannot use null as %s", t)
	}
	rv := reflect.ValueOf(v)
	if rv.Type().AssignableTo(t) {
		return rv, nil
	}
	switch {
	case t == bigIntType:
		switch n := v.(type) {
		case int64:
			return reflect.ValueOf(big.NewInt(n)), nil
		case float64:
			if n == math.Trunc(n) && !math.IsInf(n, 0) {
				b, _ := big.NewFloat(n).Int(nil)
				return reflect.ValueOf(b), nil
			}
		}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		var i int64
		switch n := v.(type) {
		case int64:
			i = n
		case float64:
			if n != math.Trunc(n) || n > math.MaxInt64 || n < math.MinInt64 {
				return reflect.Value{}, fmt.Errorf("cannot use %v as %s", n, t)
			}
			i = int64(n)
		default:
			return reflect.Value{}, fmt.Errorf("cannot use %s as %s", describe(v), t)
		}
		out := reflect.New(t).Elem()
		if out.OverflowInt(i) {
			return reflect.Value{}, fmt.Errorf("%d overflows %s", i, t)
		}
		out.SetInt(i)
		return out, nil
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		n, ok := v.(int64)
		if !ok || n < 0 || reflect.New(t).Elem().OverflowUint(uint64(n)) {
			if b, isBig := v.(*big.Int); isBig && b.IsUint64() && !reflect.New(t).Elem().OverflowUint(b.Uint64()) {
				out := reflect.New(t).Elem()
				out.SetUint(b.Uint64())
				return out, nil
			}
			return reflect.Value{}, fmt.Errorf("cannot use %s as %s", describe(v), t)
		}
		out := reflect.New(t).Elem()
		out.SetUint(uint64(n))
		return out, nil
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		var f float64
		switch n := v.(type) {
		case int64:
			f = float64(n)
		case float64:
			f = n
		case *big.Int:
			f, _ = new(big.Float).SetInt(n).Float64()
		default:
			return reflect.Value{}, fmt.Errorf("cannot use %s as %s", describe(v), t)
		}
		out := reflect.New(t).Elem()
		out.SetFloat(f)
		return out, nil
	case t.Kind() == reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			break
		}
		out := reflect.MakeSlice(t, len(list), len(list))
		for i, e := range list {
			ev, err := convert(e, t.Elem())
			if err != nil {
				return reflect.Value{}, fmt.Errorf("[%d]: %v", i, err)
			}
			out.Index(i).Set(ev)
		}
		return out, nil
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
		m, ok := v.(map[string]any)
		if !ok {
			break
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for k, e := range m {
			ev, err := convert(e, t.Elem())
			if err != nil {
				return reflect.Value{}, fmt.Errorf("[%q]: %v", k, err)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		return out, nil
	case t.Kind() == reflect.Struct || (t.Kind() == reflect.Ptr && t.Elem().Kind() == reflect.Struct):
		if m, ok := v.(map[string]any); ok { // through encoding/json, so json tags apply
			data, err := json.Marshal(m)
			if err == nil {
				out := reflect.New(t)
				if err = json.Unmarshal(data, out.Interface()); err == nil {
					return out.Elem(), nil
				}
			}
			return reflect.Value{}, fmt.Errorf("cannot use object as %s: %v", t, err)
		}
	}
	return reflect.Value{}, fmt.Errorf("cannot use %s as %s", describe(v), t)
}

func describe(v any) string {
	switch v.(type) {
	case int64:
		return "integer"
	case float64:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case []byte:
		return "bytes"
	case *big.Int:
		return "big integer"
	}
	return fmt.Sprintf("%T", v)
}

// encode turns a function's result into a JSON-marshalable tree with the protocol's tags.
func (s *session) encode(v reflect.Value) (any, error) {
	if !v.IsValid() {
		return nil, nil
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Ptr:
		if v.IsNil() {
			return nil, nil
		}
	}
	switch x := v.Interface().(type) {
	case *Handle:
		return map[string]any{"$handle": s.putHandle(x.value)}, nil
	case *big.Int:
		if x.Cmp(minSafeBig) >= 0 && x.Cmp(maxSafeBig) <= 0 {
			return x.Int64(), nil
		}
		return map[string]any{"$bigint": x.String()}, nil
	case []byte:
		return map[string]any{"$bytes": base64.StdEncoding.EncodeToString(x)}, nil
	case json.RawMessage:
		return x, nil
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Ptr:
		return s.encode(v.Elem())
	case reflect.Bool, reflect.String:
		return v.Interface(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i := v.Int()
		if i > maxSafeInteger || i < -maxSafeInteger {
			return map[string]any{"$bigint": fmt.Sprint(i)}, nil
		}
		return i, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := v.Uint()
		if u > maxSafeInteger {
			return map[string]any{"$bigint": fmt.Sprint(u)}, nil
		}
		return u, nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return map[string]any{"$float": "NaN"}, nil
		case math.IsInf(f, 1):
			return map[string]any{"$float": "Infinity"}, nil
		case math.IsInf(f, -1):
			return map[string]any{"$float": "-Infinity"}, nil
		}
		return f, nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil, nil
		}
		out := make([]any, v.Len())
		for i := range out {
			e, err := s.encode(v.Index(i))
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("map keys must be strings, got %s", v.Type().Key())
		}
		if v.IsNil() {
			return nil, nil
		}
		out := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			e, err := s.encode(iter.Value())
			if err != nil {
				return nil, err
			}
			out[iter.Key().String()] = e
		}
		return out, nil
	case reflect.Struct:
		data, err := json.Marshal(v.Interface())
		if err != nil {
			return nil, err
		}
		return json.RawMessage(data), nil
	}
	return nil, fmt.Errorf("cannot encode a %s; return JSON values, []byte, *big.Int or ggenworker.NewHandle(v)", v.Type())
}
