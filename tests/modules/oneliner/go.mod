module example.com/oneliner

go 1.22
