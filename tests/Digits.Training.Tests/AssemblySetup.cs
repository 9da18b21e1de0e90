// libtorch's random generator is global to the process: runs seeded in parallel would draw from each
// other's streams, and training already uses every core.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
