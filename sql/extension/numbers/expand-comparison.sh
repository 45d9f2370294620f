#!/bin/sh
# Print comparison.sql.in for one type over one family of PostgreSQL's
# built-in support functions: int8 (8-byte keys), uuid (16-byte keys) or
# bytea (variable-length keys).
#   usage: expand-comparison.sh TYPE FAMILY
set -eu
type=$1
family=$2
case $family in
  int8)  set -- int8eq int8ne int8lt int8le int8gt int8ge btint8cmp btint8sortsupport hashint8 hashint8extended ;;
  uuid)  set -- uuid_eq uuid_ne uuid_lt uuid_le uuid_gt uuid_ge uuid_cmp uuid_sortsupport uuid_hash uuid_hash_extended ;;
  bytea) set -- byteaeq byteane bytealt byteale byteagt byteage byteacmp bytea_sortsupport hashvarlena hashvarlenaextended ;;
  *) echo "unknown family $family" >&2; exit 2 ;;
esac
sed -e "s/@TYPE@/$type/g" -e "s/@FAMILY@/$family/g" \
    -e "s/@EQ@/$1/g" -e "s/@NE@/$2/g" -e "s/@LT@/$3/g" -e "s/@LE@/$4/g" \
    -e "s/@GT@/$5/g" -e "s/@GE@/$6/g" -e "s/@CMP@/$7/g" -e "s/@SORTSUPPORT@/$8/g" \
    -e "s/@HASH@/$9/g" -e "s/@HASH_EXTENDED@/${10}/g" \
    "$(dirname "$0")/comparison.sql.in"
