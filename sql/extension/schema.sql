-- yiwang install script, assembled by the Makefile from sql/extension/.
\echo Use "CREATE EXTENSION yiwang CASCADE" to load this file. \quit

COMMENT ON SCHEMA yiwang IS
  'yiwang (一网): identifier types, registries, certificate store and one-window applications';
