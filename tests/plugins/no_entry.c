/* no_entry.c -- a shared object that is not a galley plugin: no entry symbol. */
int galley_test_not_a_plugin(void);
int galley_test_not_a_plugin(void) { return 42; }
