# Puts one section's new part into docs/benchmarks.md, for
# BENCH_ONLY=<section> (run-bench.sh), leaving the other sections as they are.
#
#   awk -v name=30_window -v part=NEW.md -v row='| ... |' -f splice.awk benchmarks.md
#
# The document is the header, then one part per section between the lines
#   <!-- section: NAME -->  and  <!-- end of section: NAME -->
# The part of NAME is replaced (or added, in the order of the section
# names, which is the order run-bench.sh runs them in), and `row` goes into
# the header's table after the wall-time row, replacing an earlier row of
# the same section.  A document written before the markers existed is split
# at its "## " headings (outside code blocks), which must be as many as the
# sections its wall-time row lists, in that order.

function fail(message) {
	print "splice: " message > "/dev/stderr"
	failed = 1
	exit 1
}

{ line[++n] = $0 }

END {
	if (failed)
		exit 1
	marked = 0
	for (i = 1; i <= n; i++)
		if (line[i] ~ /^<!-- section: [^ ]+ -->$/) { marked = 1; break }

	header_end = n
	k = 0
	if (marked) {
		current = ""
		for (i = 1; i <= n; i++) {
			if (line[i] ~ /^<!-- section: [^ ]+ -->$/) {
				if (k == 0) header_end = i - 1
				current = line[i]
				sub(/^<!-- section: /, "", current)
				sub(/ -->$/, "", current)
				names[++k] = current
				size[k] = 0
			} else if (line[i] ~ /^<!-- end of section: [^ ]+ -->$/) {
				current = ""
			} else if (current != "") {
				body[k, ++size[k]] = line[i]
			}
		}
	} else {
		listed = ""
		for (i = 1; i <= n; i++)
			if (line[i] ~ /^\| wall time of the whole run \|/ && match(line[i], /\(sections: [^)]*\)/)) {
				listed = substr(line[i], RSTART + 11, RLENGTH - 12)
				break
			}
		if (listed == "")
			fail("the document has neither section markers nor a list of sections in its header")
		count = split(listed, listed_name, /, /)
		fence = 0
		for (i = 1; i <= n; i++) {
			if (line[i] ~ /^```/) fence = !fence
			if (!fence && line[i] ~ /^## /) {
				if (k == 0) header_end = i - 1
				k++
				if (k > count) break
				names[k] = listed_name[k]
				size[k] = 0
			}
			if (k > 0) body[k, ++size[k]] = line[i]
		}
		if (k != count)
			fail("the document has " k " \"## \" headings but its header lists " count " sections (" listed ")")
	}

	# the new part, without trailing blank lines
	new_size = 0
	while ((getline text < part) > 0)
		new_body[++new_size] = text
	close(part)
	while (new_size > 0 && new_body[new_size] == "") new_size--
	if (new_size == 0)
		fail("the new part of " name " is empty")

	# the header, with this section's row
	for (i = 1; i <= header_end; i++) {
		if (index(line[i], "| rerun alone: " name " |") == 1)
			continue
		print line[i]
		if (line[i] ~ /^\| wall time of the whole run \|/)
			print row
	}

	placed = 0
	for (j = 1; j <= k; j++) {
		if (!placed && names[j] >= name) {
			print_new()
			placed = 1
			if (names[j] == name) continue
		}
		print "<!-- section: " names[j] " -->"
		last = size[j]
		while (last > 0 && body[j, last] == "") last--
		for (i = 1; i <= last; i++) print body[j, i]
		print "<!-- end of section: " names[j] " -->"
		print ""
	}
	if (!placed) print_new()
}

function print_new(   i) {
	print "<!-- section: " name " -->"
	for (i = 1; i <= new_size; i++) print new_body[i]
	print "<!-- end of section: " name " -->"
	print ""
}
